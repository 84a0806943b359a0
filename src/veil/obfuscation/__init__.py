"""veil.obfuscation"""
