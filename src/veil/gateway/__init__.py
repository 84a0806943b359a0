"""veil.gateway"""
