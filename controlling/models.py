"""Models of this app; see submodules."""
