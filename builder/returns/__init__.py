"""returns"""
