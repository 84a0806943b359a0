"""veil.vault"""
