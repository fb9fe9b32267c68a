"""The judge: test cells run in a kernel of their own, where no student code runs.

- `notebook`: what grading sends the judge (the read-only cells, the test cells and the answer
  cells as the student's kernel left them) and how its verdicts return to the submission.
- `kernel`: runs inside the judge kernel; each call of a student's function there is made in a
  forked child and comes back as plain data.
"""
