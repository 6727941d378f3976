"""Readers that turn files, pages, feeds and archives into `Document`s."""
