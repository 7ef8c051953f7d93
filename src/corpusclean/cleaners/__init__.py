"""The built-in cleaners, one module per family; each module's Cleaner subclasses register by name."""
