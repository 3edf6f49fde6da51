"""Benchmarks: scripts that measure and report; none of them is a test."""
