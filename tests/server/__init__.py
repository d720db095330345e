"""Tests against the real server: `python wsgi.py` in a subprocess on 127.0.0.1."""
