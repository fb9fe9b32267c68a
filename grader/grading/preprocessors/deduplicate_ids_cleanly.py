"""`DeduplicateIdsCleanly`: nbgrader's `DeduplicateIds` without its bug.

A copied graded cell made the whole submission fail with "old version of the nbgrader metadata
format": nbgrader's step leaves the copies an empty `nbgrader` metadata entry.
"""

from nbgrader.preprocessors import DeduplicateIds


class DeduplicateIdsCleanly(DeduplicateIds):
    """Keep the last copy of a duplicated graded cell; the others become ordinary cells."""

    def preprocess_cell(self, cell, resources, cell_index):
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.metadata.get("nbgrader") == {}:  # nbgrader's way leaves a schema-less husk
            del cell.metadata["nbgrader"]
        return cell, resources
