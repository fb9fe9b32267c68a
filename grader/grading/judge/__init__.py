"""The judge: test cells run in a kernel of their own, and answers in a process that never holds
a test.

- `notebook`: what grading sends the judge (the read-only cells, the test cells and the answer
  cells as the student's kernel left them) and how its verdicts return to the submission.
- `kernel`: runs inside the judge kernel; each call of a student's function goes to the answer
  process and comes back as plain data.
- `answers`: the answer process, a fresh template that forks a child for each call.
- `transfer`: how arguments go there and results come back, as data.
- `launch`: the command that starts an answer process.
"""
