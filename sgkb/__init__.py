"""safeguarding-kb: follow safeguarding recommendations through the years.

The library: `KnowledgeBase(config)` (sgkb.service) is what the command line, the web pages
and the API call.
"""

__version__ = "0.2.0"
