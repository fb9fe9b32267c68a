"""How values cross between the judge and an answer process, both ways, as data.

Out, to the answer process: a call's arguments, which the judge's test built and trusts. They are
pickled, except their arrays and tensors. The memory those use (regions: a tensor's storage, or
the buffer an array and its views share) is sent once, overlapping regions as one block, and each
array or tensor is sent as a view of its region (dtype, shape, strides, offset, grad state), so the
answer process rebuilds the same aliasing: `torch.from_numpy(a)` and `a` share memory there as
here, and so do a tensor and its slices. Modules cross with their parameters as such views,
without hooks.

Back, to the judge: what the answer did, as JSON data only, so that no object of the answer's runs
in the judge (`encode_result`, `decode_result`). A result that uses an argument's memory comes back as a
view of the judge's own argument, and writes into an argument's regions are copied back.

The functions that encode a reply run after the answer, in its process, so they use only what was
captured when this module was imported, before any answer ran.
"""

import base64
import builtins
import copyreg
import ctypes
import io
import pickle
import struct
from collections import OrderedDict

import numpy as np
import torch

from grader import device_in_judge
from grader.cuda_standin import StandInCudaTensor

# Captured before any answer runs (see the module docstring).
_TensorBase = torch._C.TensorBase
_b64encode, _b64decode = base64.b64encode, base64.b64decode
_string_at = ctypes.string_at
_type, _isinstance, _id, _str, _vars = type, isinstance, id, str, vars
_byte_bounds = np.lib.array_utils.byte_bounds
# Tensor properties read through PyTorch's C base class: an answer may shadow them on torch.Tensor.
_requires_grad, _is_leaf, _grad_fn, _dtype, _shape, _layout, _device, _is_cpu = (
    getattr(_TensorBase, name).__get__ for name in (
        "requires_grad", "is_leaf", "grad_fn", "dtype", "shape", "layout", "device", "is_cpu"))
# PyTorch calls made by the judge or the reporting code (reading memory, rebuilding tensors) must
# not show up in a test's recorders (grader.device_log) nor meet the CUDA stand-in's checks.
no_torch_function = torch._C.DisableTorchFunction

# A module's hooks are functions of the test (a recorder's, say): they do not cross.
_MODULE_HOOK_TABLES = ("_forward_hooks", "_forward_hooks_with_kwargs",
                       "_forward_hooks_always_called", "_forward_pre_hooks",
                       "_forward_pre_hooks_with_kwargs", "_backward_hooks",
                       "_backward_pre_hooks", "_state_dict_hooks", "_state_dict_pre_hooks",
                       "_load_state_dict_pre_hooks", "_load_state_dict_post_hooks")


# ---------------------------------------------------------------------------------------------
# Framing: one message is its length, then its bytes.

def send_message(connection, data: bytes) -> None:
    connection.sendall(struct.pack("!Q", len(data)) + data)


def receive_message(connection, limit: int) -> bytes | None:
    """One message, or None when the other side closed the connection first."""
    header = _receive_exactly(connection, 8)
    if header is None:
        return None
    size = struct.unpack("!Q", header)[0]
    if size > limit:
        raise RuntimeError(f"the answer returned more than {limit >> 20} MiB")
    return _receive_exactly(connection, size)


def _receive_exactly(connection, size):
    chunks, received = [], 0
    while received < size:
        chunk = connection.recv(min(size - received, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        received += len(chunk)
    return b"".join(chunks)


# ---------------------------------------------------------------------------------------------
# What of a call's arguments can change, and the memory it uses.

def reachable(value):
    """Arrays, tensors and modules in the arguments, and each module's parameters and buffers."""
    found, seen = [], set()

    def walk(item, depth=0):
        if _id(item) in seen or depth > 50:
            return
        if _isinstance(item, (np.ndarray, torch.Tensor, torch.nn.Module)):
            seen.add(_id(item))
            found.append(item)
        if _isinstance(item, torch.nn.Module):
            for tensor in (*item.parameters(), *item.buffers()):
                walk(tensor, depth + 1)
        elif _type(item) in (list, tuple):
            for element in item:
                walk(element, depth + 1)
        elif _type(item) is dict:
            for element in item.values():
                walk(element, depth + 1)

    walk(value)
    return found


def regions(known):
    """The memory of each array and tensor in the arguments: [address, size, owner]."""
    regions = {}
    for item in known:
        if _isinstance(item, torch.Tensor):
            storage = _TensorBase.untyped_storage(item)
            address, size, owner = storage.data_ptr(), storage.nbytes(), item
        elif _isinstance(item, np.ndarray):
            root = item
            while _isinstance(root.base, np.ndarray):
                root = root.base
            if _isinstance(root.base, torch.Tensor):
                storage = _TensorBase.untyped_storage(root.base)
                address, size, owner = storage.data_ptr(), storage.nbytes(), root.base
            elif root.base is None:
                address, size, owner = root.ctypes.data, root.nbytes, root
            else:
                continue  # memory of a bytes object or a file: never written back
        else:
            continue
        if size and address not in regions:
            regions[address] = [address, size, owner]
    return list(regions.values())



def _alias(low, high, regions):
    """The region that holds the bytes from `low` to `high`, or None."""
    for index, (address, size, _) in enumerate(regions):
        if address <= low and high <= address + size:
            return index
    return None


# ---------------------------------------------------------------------------------------------
# Arguments, judge to answer process.

def _crosses_as_view(value) -> bool:
    if _type(value) is np.ndarray:
        return value.dtype.kind != "O" and value.dtype.fields is None
    # Read through PyTorch's C base class: the CUDA stand-in reports a device it is not on.
    return _type(value) in (torch.Tensor, torch.nn.Parameter, StandInCudaTensor) \
        and _layout(value) == torch.strided and not _TensorBase.is_quantized.__get__(value) \
        and _is_cpu(value)


def _describe(value, regions) -> dict:
    if _type(value) is np.ndarray:
        fields = {"kind": "ndarray", "dtype": value.dtype.str, "shape": value.shape,
                  "strides": value.strides, "writeable": bool(value.flags.writeable)}
        index = _alias(*_byte_bounds(value), regions) if value.size else None
        if index is not None:
            fields["alias"] = (index, value.ctypes.data - regions[index][0])
        else:
            fields["data"], fields["strides"] = np.ascontiguousarray(value).tobytes(), None
        return fields
    plain = value.detach()
    fields = {"kind": "tensor", "dtype": _str(value.dtype).removeprefix("torch."),
              "shape": tuple(value.shape), "strides": plain.stride(),
              "requires_grad": value.requires_grad, "is_leaf": value.is_leaf,
              "conj": plain.is_conj(), "neg": plain.is_neg(),
              "standin": _isinstance(value, StandInCudaTensor),
              "parameter": _isinstance(value, torch.nn.Parameter)
              or getattr(value, "_is_param", False) is True,
              "grad": None if not value.is_leaf or value.grad is None
              else _describe(value.grad, regions)}
    itemsize = plain.element_size()
    address = plain.untyped_storage().data_ptr()
    index = next((i for i, region in enumerate(regions) if region[0] == address), None)
    offset = None if index is None else plain.data_ptr() - address
    if plain.numel() and offset is not None and offset % itemsize == 0:
        fields["alias"] = (index, offset)
    else:
        raw = plain.contiguous()  # keeps the conjugate and negative bits, set again on arrival
        fields["strides"] = raw.stride()
        fields["data"] = _string_at(raw.data_ptr(), raw.numel() * itemsize) if raw.numel() else b""
    return fields


class _ArgumentPickler(pickle.Pickler):
    """Pickles arguments with each array and tensor as a view of a region (module docstring)."""

    def __init__(self, file, regions):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._regions, self._numbers, self._kept = regions, {}, []

    def persistent_id(self, value):
        if not _crosses_as_view(value):
            return None
        if _id(value) not in self._numbers:  # the same object twice arrives as one object
            self._numbers[_id(value)] = (len(self._kept), _describe(value, self._regions))
            self._kept.append(value)  # alive until pickled, so that no other object takes its id
        return self._numbers[_id(value)]

    def reducer_override(self, value):
        if not _isinstance(value, torch.nn.Module):
            return NotImplemented
        state = {key: (OrderedDict() if key in _MODULE_HOOK_TABLES else item)
                 for key, item in vars(value).items()}
        return copyreg.__newobj__, (_type(value),), state


def encode_arguments(args, kwargs, regions) -> bytes:
    """Pickle the memory of `regions`, then a call's arguments as views of it (module docstring).

    Regions may overlap (an array, and a tensor made from a slice of it): the memory crosses as
    blocks, each the union of overlapping regions, and each region as a span of its block."""
    blocks, spans = [], [None] * len(regions)
    for index in sorted(range(len(regions)), key=lambda i: regions[i][0]):
        address, size, owner = regions[index]
        if blocks and address < blocks[-1][0] + blocks[-1][1]:
            start, length = blocks[-1]
            blocks[-1] = [start, max(length, address + size - start)]
        else:
            blocks.append([address, size])
        kind = "tensor" if _isinstance(owner, torch.Tensor) else "ndarray"
        spans[index] = [len(blocks) - 1, address - blocks[-1][0], size, kind]
    buffer = io.BytesIO()
    pickle.dump(([_string_at(start, length) for start, length in blocks], spans), buffer)
    _ArgumentPickler(buffer, regions).dump((args, kwargs))
    return buffer.getvalue()


class _ArgumentUnpickler(pickle.Unpickler):
    def __init__(self, file, regions, namespace):
        super().__init__(file)
        self._regions, self._namespace, self._made = regions, namespace, {}

    def persistent_load(self, pid):
        number, fields = pid
        if number not in self._made:
            self._made[number] = _rebuild(fields, self._regions)
        return self._made[number]

    def find_class(self, module, name):
        if module == "__main__" and name in self._namespace:  # a class of the read-only cells
            return self._namespace[name]
        return super().find_class(module, name)


def decode_arguments(data: bytes, namespace: dict):
    """The arguments rebuilt in the answer process, and its regions, in the judge's order."""
    stream = io.BytesIO(data)
    blocks, spans = pickle.load(stream)
    alone = [sum(span[0] == block for span in spans) == 1 for block in range(len(blocks))]
    memory = []
    for block, data_bytes in enumerate(blocks):
        if alone[block] and spans[[span[0] for span in spans].index(block)][3] == "tensor":
            owner = torch.empty(len(data_bytes), dtype=torch.uint8)  # resizable, as PyTorch's own
            view = owner.numpy()
        else:
            owner = view = np.empty(len(data_bytes), dtype=np.uint8)
        view[:] = np.frombuffer(data_bytes, dtype=np.uint8)
        memory.append((owner, view))
    regions = []
    for block, offset, size, kind in spans:
        owner, view = memory[block]
        part = view[offset:offset + size]
        if kind == "tensor" and not _isinstance(owner, torch.Tensor):
            owner = torch.from_numpy(part)
        elif kind == "ndarray":
            owner = part
        regions.append([part.ctypes.data, size, owner])
    args, kwargs = _ArgumentUnpickler(stream, regions, namespace).load()
    return args, kwargs, regions


def _region_bytes(regions, index):
    """A region's memory as a uint8 array, and as a storage for tensors."""
    owner = regions[index][2]
    if _isinstance(owner, torch.Tensor):
        return owner.numpy(), owner.untyped_storage()
    return owner, torch.from_numpy(owner).untyped_storage()


def _rebuild(fields, regions):
    dtype_name, shape, strides = fields["dtype"], tuple(fields["shape"]), fields["strides"]
    if fields["kind"] == "ndarray":
        dtype = np.dtype(dtype_name)
        if "alias" in fields:
            index, offset = fields["alias"]
            array = np.ndarray(shape, dtype, buffer=_region_bytes(regions, index)[0],
                               offset=offset, strides=strides)
        elif fields["data"]:
            array = np.ndarray(shape, dtype, buffer=bytearray(fields["data"]))
        else:
            array = np.empty(shape, dtype)
        array.flags.writeable = fields["writeable"]
        return array
    dtype = _torch_dtype(dtype_name)
    if "alias" in fields:
        index, offset = fields["alias"]
        storage = _region_bytes(regions, index)[1]
    else:
        storage, offset = torch.frombuffer(bytearray(fields["data"]) or bytearray(1),
                                           dtype=torch.uint8).untyped_storage(), 0
    itemsize = torch.empty((), dtype=dtype).element_size()
    tensor = torch.empty(0, dtype=dtype).set_(storage, offset // itemsize, shape, strides)
    if fields["conj"]:
        tensor = tensor.conj()
    if fields["neg"]:
        tensor = torch._neg_view(tensor)
    if fields["requires_grad"] and fields["is_leaf"]:
        tensor.requires_grad_()
    elif fields["requires_grad"]:  # a graph node on the same memory, as the judge's was
        node = tensor.detach().requires_grad_().clone()
        node.data = tensor
        tensor = node
    if fields["standin"]:
        tensor.__class__ = StandInCudaTensor
        if fields["parameter"]:  # what torch.nn.Parameter makes of a tensor subclass
            tensor._is_param = True
    elif fields["parameter"]:
        tensor = torch.nn.Parameter(tensor, requires_grad=fields["requires_grad"])
    if fields["grad"] is not None:
        tensor.grad = _rebuild(fields["grad"], regions)
    return tensor



# ---------------------------------------------------------------------------------------------
# Results and effects, answer process to judge: JSON data, encoded with the captured functions.

_SCALAR_TYPES = (bool, int, float, complex)


def encode_result(value, known, regions, depth=0):
    """`value` as JSON data: kinds the judge rebuilds, views of the arguments, or inert names."""
    if depth > 100:
        raise ValueError("the result is nested too deeply to report")
    kind = _type(value)
    if value is None:
        return ["none"]
    if kind is bool:
        return ["bool", value]
    if kind is int:
        return ["int", _str(value)]
    if kind is float:
        return ["float", value.hex()]
    if kind is complex:
        return ["complex", value.real.hex(), value.imag.hex()]
    if kind is str:
        return ["str", value]
    if kind is bytes:
        return ["bytes", _b64encode(value).decode()]
    if kind in (list, tuple, torch.Size):
        name = {list: "list", tuple: "tuple", torch.Size: "size"}[kind]
        return [name, [encode_result(item, known, regions, depth + 1) for item in value]]
    if kind is dict:
        return ["dict", [[encode_result(k, known, regions, depth + 1),
                          encode_result(v, known, regions, depth + 1)] for k, v in value.items()]]
    for index, item in enumerate(known):
        if item is value:
            return ["same", index]
    if kind is torch.dtype:
        return ["torch.dtype", _str(value).removeprefix("torch.")]
    if issubclass(kind, np.dtype) and kind.__module__.startswith("numpy") \
            and value.kind != "O" and value.fields is None:
        return ["np.dtype", value.str]
    if kind is torch.device:
        return ["device", value.type, value.index]
    if kind in (torch.memory_format, torch.layout):
        return [kind.__name__, _str(value).removeprefix("torch.")]
    if kind is slice:
        return ["slice", [encode_result(getattr(value, end), known, regions, depth + 1)
                          for end in ("start", "stop", "step")]]
    if kind is range:
        return ["range", _str(value.start), _str(value.stop), _str(value.step)]
    if value is Ellipsis:
        return ["ellipsis"]
    if kind is type and value in _SCALAR_TYPES:  # torch.tensor(data, dtype=float), say
        return ["type", value.__name__]
    if kind is device_in_judge.DeviceTensorHandle:  # a tensor the judge keeps
        number = _vars(value).get("judge_number")
        if _type(number) is int:
            return ["held", _str(number)]
    if issubclass(kind, np.generic) and kind.__module__ == "numpy" and value.dtype.kind != "O":
        return ["np.scalar", value.dtype.str, _b64encode(value.tobytes()).decode()]
    if kind is np.ndarray and value.dtype.kind != "O" and value.dtype.fields is None:
        return ["ndarray", _encode_array(value, regions)]
    if kind in (torch.Tensor, torch.nn.Parameter, StandInCudaTensor) \
            and _layout(value) == torch.strided and not _TensorBase.is_quantized.__get__(value) \
            and _device(value).type in ("cpu", "cuda"):
        return ["tensor", _encode_tensor(value, regions)]
    # Not its repr: that would run the answer's code while the child reports.
    return ["foreign", kind.__module__, kind.__qualname__, f"<{kind.__qualname__} object>"]


def _encode_array(array, regions):
    fields = {"dtype": array.dtype.str, "shape": list(array.shape),
              "strides": list(array.strides), "writeable": bool(array.flags.writeable)}
    if array.size:
        low, high = _byte_bounds(array)
        index = _alias(low, high, regions)
        if index is not None:
            fields["alias"] = [index, array.ctypes.data - regions[index][0]]
            return fields
    # Otherwise the bytes from its lowest element to its highest, so that it arrives with its own
    # strides: a test may ask whether a result is contiguous, or in which order it is laid out.
    low, high = _byte_bounds(array) if array.size else (0, 0)
    fields["offset"] = array.ctypes.data - low if array.size else 0
    fields["data"] = _b64encode(_string_at(low, high - low) if array.size else b"").decode()
    return fields


def _encode_tensor(tensor, regions):
    plain = _TensorBase.detach(tensor)
    grad_fn = _grad_fn(tensor)
    fields = {"dtype": _str(_dtype(tensor)).removeprefix("torch."), "shape": list(_shape(tensor)),
              "strides": list(_TensorBase.stride(plain)),
              "requires_grad": bool(_requires_grad(tensor)), "is_leaf": bool(_is_leaf(tensor)),
              "grad_fn": None if grad_fn is None else _type(grad_fn).__name__,
              "class": "StandInCudaTensor" if issubclass(_type(tensor), StandInCudaTensor)
              else "Tensor",
              "parameter": issubclass(_type(tensor), torch.nn.Parameter)
              or getattr(tensor, "_is_param", False) is True}
    # The bytes from its first element to its last (PyTorch's strides are never negative). The
    # answer process sees no GPU (vocabulary.JUDGE_ENVIRONMENT), so they are in host memory.
    itemsize, low = _TensorBase.element_size(plain), _TensorBase.data_ptr(plain)
    span = sum((n - 1) * s for n, s in zip(fields["shape"], fields["strides"])) + 1
    size = span * itemsize if _TensorBase.numel(plain) else 0
    if size and _is_cpu(plain):
        index = _alias(low, low + size, regions)
        # A view of a tensor argument is rebuilt on its storage, at a whole number of elements.
        if index is not None and (low - regions[index][0]) % itemsize == 0:
            fields["alias"] = [index, low - regions[index][0]]
            return fields
    # Otherwise those bytes themselves, so that it arrives with its own strides, as an array does.
    fields["data"] = _b64encode(_string_at(low, size) if size else b"").decode()
    return fields


def builtin_base(kind) -> str:
    """The name of the nearest built-in class among `kind`'s bases (an exception's, say)."""
    for klass in kind.__mro__:
        if klass.__module__ == "builtins":
            return klass.__name__
    return "object"


def qualified(kind) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def describe_exception(error) -> list:
    """An exception as data: its nearest built-in class, its own class's name, its message
    (rebuilt on the other side with `builtin_class`)."""
    try:
        message = _str(error)
    except BaseException:
        message = "(its message could not be read)"
    return [builtin_base(_type(error)), qualified(_type(error)), message[:10_000]]


# ---------------------------------------------------------------------------------------------
# In the judge: rebuilding what an answer process reported.

_made_classes: dict = {}


def builtin_class(builtin_name, qualified_name, root):
    """The built-in class `builtin_name` (a subclass of `root`), or a subclass of it that carries
    the name of the child's own class, so messages read as they would have."""
    base = getattr(builtins, str(builtin_name), None)
    if not (_isinstance(base, type) and issubclass(base, root)):
        base = root
    module, _, name = str(qualified_name).rpartition(".")
    if name == base.__name__ and module in ("", "builtins"):
        return base
    key = (base, module, name)
    if key not in _made_classes:
        _made_classes[key] = type(name, (base,), {"__module__": module or "builtins"})
    return _made_classes[key]


class _Foreign:
    """An object of a type the judge does not rebuild: only its type's name and repr cross."""

    __slots__ = ("_text",)

    def __init__(self, text):
        self._text = text

    def __repr__(self):
        return self._text

    __str__ = __repr__


def _foreign(module, qualname, text):
    key = ("foreign", module, qualname)
    if key not in _made_classes:
        _made_classes[key] = type(str(qualname).rpartition(".")[2] or "object", (_Foreign,),
                                  {"__module__": str(module), "__qualname__": str(qualname),
                                   "__slots__": ()})
    return _made_classes[key](str(text))


def decode_result(encoded, known, regions, depth=0):
    """What `encode_result` made, rebuilt in the judge on its own arguments and regions."""
    if depth > 100:
        raise ValueError("the answer's result is nested too deeply")
    kind, *rest = encoded
    if kind == "none":
        return None
    if kind == "bool":
        return bool(rest[0])
    if kind == "int":
        return int(rest[0])
    if kind == "float":
        return float.fromhex(rest[0])
    if kind == "complex":
        return complex(float.fromhex(rest[0]), float.fromhex(rest[1]))
    if kind == "str":
        return str(rest[0])
    if kind == "bytes":
        return _b64decode(rest[0])
    if kind in ("list", "tuple", "size"):
        items = [decode_result(item, known, regions, depth + 1) for item in rest[0]]
        return {"list": list, "tuple": tuple, "size": torch.Size}[kind](items)
    if kind == "dict":
        return {decode_result(key, known, regions, depth + 1): decode_result(value, known, regions, depth + 1)
                for key, value in rest[0]}
    if kind == "same":
        return known[int(rest[0])]
    if kind == "torch.dtype":
        return _torch_dtype(rest[0])
    if kind == "np.dtype":
        return np.dtype(str(rest[0]))
    if kind == "device":
        return torch.device(str(rest[0]), None if rest[1] is None else int(rest[1]))
    if kind in ("memory_format", "layout"):
        value = getattr(torch, str(rest[0]), None)
        if _type(value).__name__ != kind:
            raise ValueError(f"unknown torch {kind} {rest[0]!r}")
        return value
    if kind == "slice":
        return slice(*(decode_result(end, known, regions, depth + 1) for end in rest[0]))
    if kind == "range":
        return range(int(rest[0]), int(rest[1]), int(rest[2]))
    if kind == "ellipsis":
        return Ellipsis
    if kind == "type":
        return {t.__name__: t for t in _SCALAR_TYPES}[str(rest[0])]
    if kind == "held":
        return device_in_judge.lent(int(rest[0]))
    if kind == "np.scalar":
        return np.frombuffer(_b64decode(rest[1]), dtype=np.dtype(str(rest[0])))[0]
    if kind == "ndarray":
        return _decode_array(rest[0], regions)
    if kind == "tensor":
        return _decode_tensor(rest[0], regions)
    if kind == "foreign":
        return _foreign(*rest[:3])
    raise ValueError(f"unknown kind {kind!r} in the answer's reply")


def _torch_dtype(name):
    dtype = getattr(torch, str(name), None)
    if not _isinstance(dtype, torch.dtype):
        raise ValueError(f"unknown torch dtype {name!r}")
    return dtype


def _region_buffer(regions, index):
    address, size, owner = regions[int(index)]
    buffer = (ctypes.c_char * size).from_address(address)
    buffer.owner = owner  # keeps the argument alive as long as a view of it lives
    return buffer


def _decode_array(fields, regions):
    dtype = np.dtype(str(fields["dtype"]))
    shape = tuple(int(n) for n in fields["shape"])
    if fields.get("alias") is not None:
        index, offset = fields["alias"]
        array = np.ndarray(shape, dtype, buffer=_region_buffer(regions, index),
                           offset=int(offset), strides=tuple(int(s) for s in fields["strides"]))
    elif fields["data"]:
        array = np.ndarray(shape, dtype, buffer=bytearray(_b64decode(fields["data"])),
                           offset=int(fields["offset"]),
                           strides=tuple(int(s) for s in fields["strides"]))
    else:
        array = np.empty(shape, dtype=dtype)
    if not fields["writeable"]:
        array.flags.writeable = False
    return array


def _decode_tensor(fields, regions):
    dtype = _torch_dtype(fields["dtype"])
    shape = [int(n) for n in fields["shape"]]
    if fields.get("alias") is not None:
        index, offset = fields["alias"]
        owner = regions[int(index)][2]
        itemsize = torch.empty((), dtype=dtype).element_size()
        strides = [int(s) for s in fields["strides"]]
        if _isinstance(owner, torch.Tensor):
            storage = _TensorBase.untyped_storage(owner)
            with torch.no_grad():
                tensor = torch.empty(0, dtype=dtype).set_(storage, int(offset) // itemsize,
                                                          shape, strides)
        else:  # the memory of an array
            view = np.ndarray(shape, _numpy_dtype(dtype), buffer=_region_buffer(regions, index),
                              offset=int(offset), strides=[s * itemsize for s in strides])
            tensor = torch.from_numpy(view)
    else:
        strides = [int(s) for s in fields["strides"]]
        data = bytearray(_b64decode(fields["data"]))
        if data:
            storage = torch.frombuffer(data, dtype=torch.uint8).untyped_storage()
            tensor = torch.empty(0, dtype=dtype).set_(storage, 0, shape, strides)
        else:
            tensor = torch.empty_strided(shape, strides, dtype=dtype)
    if fields["requires_grad"]:
        tensor = tensor.detach().requires_grad_()
        if not fields["is_leaf"]:  # rebuild a graph node, named after the child's where it can be
            tensor = tensor.clone() if fields["grad_fn"] == "CloneBackward0" else tensor.view_as(tensor)
    if fields["class"] == "StandInCudaTensor":
        tensor.__class__ = StandInCudaTensor
        if fields["parameter"]:  # what torch.nn.Parameter makes of a tensor subclass
            tensor._is_param = True
    elif fields["parameter"]:
        tensor = torch.nn.Parameter(tensor, requires_grad=fields["requires_grad"])
    return tensor


def _numpy_dtype(dtype):
    return torch.empty((), dtype=dtype).numpy().dtype
