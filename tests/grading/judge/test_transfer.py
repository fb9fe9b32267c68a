"""Arguments cross to the answer process as data and keep their aliasing there
(grader/grading/judge/transfer.py), tried in one process: encode as the judge does, rebuild as the
answer process does, and compare."""

import numpy as np
import torch

from grader.cuda_standin import StandInCudaTensor, simulated_cuda
from grader.grading.judge.transfer import decode_arguments, encode_arguments, reachable, regions


def crossed(*args, **kwargs):
    """The arguments as the answer process rebuilds them, and its regions."""
    memory = regions(reachable((args, kwargs)))
    data = encode_arguments(args, kwargs, memory)
    rebuilt_args, rebuilt_kwargs, rebuilt_regions = decode_arguments(data, {})
    assert len(rebuilt_regions) == len(memory)
    return rebuilt_args, rebuilt_kwargs


def test_values_dtypes_strides_and_flags_arrive_as_they_were():
    a = np.arange(12, dtype=np.int16).reshape(3, 4)[:, ::-2]
    frozen = np.broadcast_to(np.arange(3.0), (2, 3))
    (x, y), _ = crossed(a, frozen)
    assert x.dtype == a.dtype and x.strides == a.strides and x.tolist() == a.tolist()
    assert not y.flags.writeable and y.strides == (0, 8) and y.tolist() == frozen.tolist()


def test_memory_shared_among_arguments_stays_shared():
    base = np.arange(10.0)
    from_slice = torch.from_numpy(base[2:5])  # its storage starts inside base's memory
    tensor = torch.arange(6)
    (b, t, view, array_of_view), _ = crossed(base, from_slice, tensor[1:], tensor[::2].numpy())
    assert np.shares_memory(b, t.numpy()) and t.numpy().ctypes.data == b[2:].ctypes.data
    assert view.untyped_storage().data_ptr() == tensor_storage(view) != 0
    view[0] = 100
    assert array_of_view[0] == 0 and torch.equal(view[:1], torch.tensor([100]))
    assert np.shares_memory(array_of_view, view.numpy())


def tensor_storage(tensor):
    return tensor.untyped_storage().data_ptr()


def test_the_same_object_twice_arrives_as_one_object():
    a = np.zeros(3)
    (x, y, nested), _ = crossed(a, a, {"again": [a]})
    assert x is y is nested["again"][0]


def test_grad_state_parameters_and_the_cuda_standin_cross():
    leaf = torch.ones(3, requires_grad=True)
    node = leaf * 2
    leaf.grad = torch.full((3,), 7.0)
    on_device = torch.ones(2).as_subclass(StandInCudaTensor)
    parameter = torch.nn.Parameter(torch.zeros(2))
    (l2, n2, d2, p2, v2), _ = crossed(leaf, node, on_device, parameter, on_device[1:])
    assert l2.is_leaf and l2.requires_grad and l2.grad.tolist() == [7.0] * 3
    assert not n2.is_leaf and n2.requires_grad and n2.tolist() == [2.0] * 3
    n2.add_(1)  # a graph node, not a view of a leaf: in-place changes are allowed, as on the judge
    assert type(d2) is StandInCudaTensor and d2.device.type == "cuda" and d2.is_leaf
    assert type(v2) is StandInCudaTensor and tensor_storage(v2) == tensor_storage(d2)
    assert type(p2) is torch.nn.Parameter and p2.requires_grad


def test_a_module_on_the_cuda_standin_keeps_leaf_parameters():
    with simulated_cuda() as cuda:
        model = torch.nn.Linear(3, 2).to(cuda)
    (copy,), _ = crossed(model)
    assert type(copy.weight) is StandInCudaTensor and copy.weight.is_leaf
    assert isinstance(copy.weight, torch.nn.Parameter) and copy.weight.requires_grad


def test_a_module_crosses_with_its_parameters_and_without_its_hooks():
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh())
    model.register_forward_hook(lambda *args: None)  # a test's hook: a local function
    (copy,), _ = crossed(model)
    assert not copy._forward_hooks
    for (name, mine), (_, theirs) in zip(model.named_parameters(), copy.named_parameters()):
        assert torch.equal(mine, theirs) and type(theirs) is torch.nn.Parameter, name
    assert len(reachable(((copy,), {}))) == len(reachable(((model,), {})))
