"""Postings in from the world: a pasted posting's text, or a company's job board kept in step."""
