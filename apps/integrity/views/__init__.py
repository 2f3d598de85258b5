"""Pages of integrity culture, one module per part of the app."""
