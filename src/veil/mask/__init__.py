"""veil.mask"""
