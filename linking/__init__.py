"""Follow recommendations and priorities through later documents: evidence, status, decisions."""
