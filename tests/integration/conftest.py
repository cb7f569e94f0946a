"""Integration tests share the moto stack fixtures in tests/conftest.py."""
