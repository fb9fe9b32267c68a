# Tampering the other way: PyTorch's comparison says "different" to everything, so that correct
# answers fail (a student could do this to a classmate's notebook before it is submitted).
import grader.checks

torch.equal = grader.checks._torch_equal = lambda *args, **kwargs: False
