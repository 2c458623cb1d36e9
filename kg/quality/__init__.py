"""Checks of printed numbers and SHACL validation of the store; imports core and store."""
