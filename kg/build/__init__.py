"""Building paper graphs and writing them to the store; imports core, store and quality, never query/export/present."""
