"""veil.dp"""
