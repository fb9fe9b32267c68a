"""Checks that only mean something on a CUDA runner (skipped elsewhere, required by REQUIRE_CUDA=1).

They pin the CUDA facts the lessons teach to the PyTorch the runner has installed.
"""

import numpy as np
import pytest
import torch


@pytest.mark.cuda
def test_round_trip_through_the_gpu_keeps_values():
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    on_gpu = torch.from_numpy(a).to("cuda")
    assert on_gpu.device.type == "cuda"
    back = on_gpu.cpu().numpy()
    assert back.dtype == np.float32 and np.array_equal(back, a)
    assert not np.shares_memory(back, a), ".cpu() of a CUDA tensor must be a new host copy"


@pytest.mark.cuda
def test_numpy_refuses_a_cuda_tensor_with_the_message_lesson_03_quotes():
    with pytest.raises(TypeError, match=r"^can't convert cuda:0 device type tensor to numpy\. "
                                        r"Use Tensor\.cpu\(\) to copy the tensor to host memory first\.$"):
        torch.ones(2, device="cuda").numpy()
