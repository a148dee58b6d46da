"""safeguarding-kb: follow safeguarding recommendations through the years."""

__version__ = "0.1.0"
