"""veil.models"""
