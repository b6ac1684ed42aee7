"""sign"""
