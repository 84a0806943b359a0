"""veil.evaluation"""
