"""What builds the documentation site besides MkDocs itself: the include hook and the griffe extension."""
