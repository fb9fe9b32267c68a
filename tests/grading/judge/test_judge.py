"""The judge (grader/grading/judge/) on small notebooks: what crosses back from a student's function,
and what a misbehaving one can and cannot do to the tests."""

import pytest

from support.grading import SANDBOXED
from support.judging import judged


def passed(result):
    errors, text = result
    assert errors == [], errors
    return text


def test_views_writes_and_values_cross_as_they_are():
    results = judged([
        ("view", "def view(a):\n    return a[1:3]",
         "a = np.arange(5.0)\nv = view(a)\n"
         "assert type(v) is np.ndarray and np.shares_memory(v, a)\n"
         "v[0] = 10.0\nassert a[1] == 10.0\n"
         "t = torch.arange(4)\nassert view(t).untyped_storage().data_ptr() == "
         "t.untyped_storage().data_ptr()"),
        ("double_in_place", "def double_in_place(t):\n    t.mul_(2)\n    return None",
         "t = torch.ones(3)\nassert double_in_place(t) is None\nassert t.tolist() == [2, 2, 2]"),
        ("values", "def values():\n    return {'x': (1, 2.5, True, 'a', None), "
                   "'dtype': np.dtype('int16'), 'torch_dtype': torch.bfloat16, "
                   "'scalar': np.float32(1.5), 'tensor': torch.tensor([1.0], requires_grad=True)}",
         "r = values()\nassert r['x'] == (1, 2.5, True, 'a', None)\n"
         "assert type(r['x'][2]) is bool and type(r['scalar']) is np.float32\n"
         "assert r['dtype'] == np.dtype('int16') and r['torch_dtype'] is torch.bfloat16\n"
         "assert r['tensor'].requires_grad and r['tensor'].is_leaf"),
    ])
    for result in results.values():
        passed(result)


def test_new_arrays_and_tensors_arrive_with_their_own_layout():
    """A test may ask whether a result is contiguous (lesson 02's to_chw_tensor does)."""
    results = judged([
        ("layouts", "def layouts():\n"
                    "    m = torch.arange(6.0).reshape(2, 3)\n"
                    "    grad = torch.ones(2, 3, requires_grad=True) * 2\n"
                    "    return (m.T, m.expand(2, 2, 3), torch.empty(0, 2).T, grad.T,\n"
                    "            np.asfortranarray(np.arange(6).reshape(2, 3)),\n"
                    "            np.arange(10.0)[::-3], np.arange(12).reshape(3, 4)[:, 1::2])",
         "t, wide, empty, grad, f, back, every_other = layouts()\n"
         "assert t.stride() == (1, 3) and not t.is_contiguous() and t.tolist() == [[0, 3], [1, 4], [2, 5]]\n"
         "assert wide.stride() == (0, 3, 1) and wide[1].tolist() == [[0, 1, 2], [3, 4, 5]]\n"
         "assert empty.shape == (2, 0) and empty.stride() == (1, 2)\n"
         "assert grad.stride() == (1, 3) and grad.requires_grad and grad[0].tolist() == [2, 2]\n"
         "assert f.flags.f_contiguous and not f.flags.c_contiguous and f.tolist() == [[0, 1, 2], [3, 4, 5]]\n"
         "assert back.strides == (-24,) and back.tolist() == [9.0, 6.0, 3.0, 0.0]\n"
         "assert every_other.strides == (32, 16) and every_other.tolist() == [[1, 3], [5, 7], [9, 11]]\n"
         "back[0] = 1.0\nassert back[0] == 1.0  # writable, as it was"),
    ])
    passed(results["layouts"])


def test_exceptions_warnings_and_output_arrive_with_their_names():
    results = judged([
        ("raises", "class WrongDtype(TypeError):\n    pass\n\n"
                   "def raises():\n    raise WrongDtype('no such dtype')",
         "try:\n    raises()\nexcept TypeError as error:\n"
         "    assert type(error).__name__ == 'WrongDtype' and str(error) == 'no such dtype'\n"
         "else:\n    raise AssertionError('no exception')"),
        ("warns", "def warns():\n    print('hello from the answer')\n"
                  "    warnings.warn('careful', DeprecationWarning)\n    return 1",
         "with warnings.catch_warnings(record=True) as caught:\n"
         "    warnings.simplefilter('always')\n    warns()\n"
         "assert [(w.category, str(w.message)) for w in caught] == [(DeprecationWarning, 'careful')]"),
        ("unanswered", "def unanswered():\n    raise NotImplementedError()", "unanswered()"),
    ])
    passed(results["raises"])
    assert "hello from the answer" in passed(results["warns"])
    assert results["unanswered"][0] == ["NotImplementedError: "]


def test_a_rigged_result_arrives_as_an_inert_placeholder():
    results = judged([("rigged", "class Liar:\n    def __eq__(self, other):\n        return True\n"
                                 "    def __bool__(self):\n        return True\n\n"
                                 "def rigged():\n    return Liar()",
                       "r = rigged()\nassert type(r).__name__ == 'Liar'\n"
                       "assert not (r == 1) and r != 1 and not isinstance(r, np.ndarray)")])
    passed(results["rigged"])


def test_a_function_that_ends_its_process_fails_only_its_own_exercise():
    results = judged([
        ("dies", "import os\n\ndef dies():\n    os._exit(3)", "dies()"),
        ("kills_its_parent", "import os, signal\n\ndef kills_its_parent():\n"
                             "    os.kill(os.getppid(), signal.SIGKILL)\n    return 1",
         "assert kills_its_parent() == 1"),
        ("fine", "def fine():\n    return 1", "assert fine() == 1\nprint('fine: passed')"),
    ])
    assert "dies ended the process it ran in before returning (exit status 3)" in \
        results["dies"][0][0]
    assert results["fine"] == ([], "fine: passed\n")  # a new answer process took over
    assert results["kills_its_parent"][0] == [
        "AnswerEndedItsProcess: kills_its_parent ended the process that ran answers"]


def test_an_answer_that_never_finished_fails_at_once_and_others_still_run():
    results = judged([("loops", "while True:\n    pass", "loops()"),
                      ("fine", "def fine():\n    return 1", "assert fine() == 1")], timeout=3)
    assert results["loops"][0] == ["RuntimeError: loops is not defined: its answer cell timed out "
                                   "when the notebook ran, so it was not graded"]
    passed(results["fine"])


# Every run of hex digits and dashes as long as a Jupyter signing key (jupyter_client's new_id:
# 32 hex digits with dashes) anywhere in the memory of the process that runs it.
KEY_SCAN = """
import re

def key_shaped_strings():
    pattern = re.compile(rb"[0-9a-f][0-9a-f-]{31,}")
    found = set()
    with open("/proc/self/maps") as maps, open("/proc/self/mem", "rb") as memory:
        for line in maps:
            span, permissions = line.split()[:2]
            if not permissions.startswith("r") or "[vvar" in line or "[vsyscall" in line:
                continue
            start, end = (int(address, 16) for address in span.split("-"))
            try:
                memory.seek(start)
                found.update(pattern.findall(memory.read(end - start)))
            except (OSError, ValueError, OverflowError):
                pass
    return sorted(key.decode() for key in found)
"""


def test_no_key_is_in_the_answer_process_and_nothing_planted_reaches_the_judge():
    results = judged([("key_shaped_strings", KEY_SCAN + "\nimport pathlib\n"
                                             "pathlib.Path('colorsys.py').write_text('planted = 1')",
                       "own_key = get_ipython().kernel.session.key.decode()\n"
                       "namespace = {}\nexec(" + repr(KEY_SCAN) + ", namespace)\n"
                       "found_here = namespace['key_shaped_strings']()\n"
                       "assert any(own_key in text for text in found_here), 'the scan works'\n"
                       "assert not any(own_key in text for text in key_shaped_strings())\n"
                       "import colorsys\nassert not hasattr(colorsys, 'planted')")])
    passed(results["key_shaped_strings"])


def test_gradient_mode_comes_back_from_a_call_but_not_into_the_next_test():
    results = judged([
        ("switches_off", "def switches_off():\n    torch.set_grad_enabled(False)",
         "switches_off()\nassert not torch.is_grad_enabled()"),
        ("later", "def later():\n    return 1", "assert torch.is_grad_enabled()\nlater()"),
    ])
    passed(results["switches_off"])
    passed(results["later"])


def test_a_name_defined_outside_the_answer_cells_is_explained():
    results = judged([("uses_a_global", "def uses_a_global():\n    return helper()",
                       "uses_a_global()"),
                      ("never_defined", "raise ValueError('not yet')", "never_defined()")])
    assert results["uses_a_global"][0] == [
        "NameError: name 'helper' is not defined (grading runs only the read-only cells and the "
        "answer cells: import or define what your function needs in its own answer cell)"]
    assert results["never_defined"][0] == ["NameError: name 'never_defined' is not defined"]


def test_patching_the_judges_own_reporting_forges_nothing():
    results = judged([("doubles", "import grader.grading.judge.transfer as transfer\n"
                                  "import grader.device_log\n"
                                  "transfer.encode_result = lambda *args, **kwargs: ['int', '42']\n"
                                  "grader.device_log.recorded_devices.judge_state = "
                                  "lambda self: [['mul', ['cuda']]]\n\n"
                                  "def doubles(t):\n    return t * 2",
                       "from grader.device_log import recorded_devices\n"
                       "with recorded_devices() as log:\n    r = doubles(torch.ones(2))\n"
                       "assert type(r) is torch.Tensor and r.tolist() == [2.0, 2.0], r\n"
                       "assert log.arithmetic_devices() == {'cpu'}, log.calls")])
    passed(results["doubles"])


@pytest.mark.skipif(not SANDBOXED, reason="unsandboxed, every kernel's files are in plain sight")
def test_no_connection_file_is_left_for_an_answer_to_read():
    results = judged([("files", "import glob\n\ndef files():\n"
                                "    return glob.glob('/tmp/grader-kernel-*/*.json')",
                       "found = files()\nassert found == [], found")])
    passed(results["files"])



DEVICE = ("from grader.cuda_standin import cuda_device\n"
          "from grader.device_log import recorded_devices\n")


def test_device_work_runs_in_the_judge_as_it_would_on_the_device():
    """Under a test's device log, what touches the device runs in the judge (grader.device_log):
    views, in-place writes, writes into host tensors, autograd and PyTorch's refusals behave as
    on a GPU, and the answer's random draws do not move the test's own stream."""
    results = judged([
        ("scale", "def scale(a, device):\n"
                  "    x = torch.as_tensor(a, dtype=torch.float32, device=device)\n"
                  "    return (2 * x + 1).cpu().numpy()",
         DEVICE + "with cuda_device() as cuda, recorded_devices() as log:\n"
                  "    r = scale(np.array([1.0, 2.0]), cuda)\n"
                  "assert r.tolist() == [3.0, 5.0] and r.dtype == np.float32, r\n"
                  "assert log.arithmetic_devices() == {'cuda'}, log.calls"),
        ("views", "def views(device, out):\n"
                  "    x = torch.arange(6.0, device=device).reshape(2, 3)\n"
                  "    x[:, 1:].mul_(10)\n"
                  "    torch.from_numpy(out).copy_(x)\n"
                  "    return (x, x.shape, str(x.device), float(x[0, 1]), len(x), x.max(1).values,\n"
                  "            x.grad_fn, x.T.is_contiguous(), repr(x))",
         DEVICE + "out = np.zeros((2, 3), dtype=np.float32)\n"
                  "with cuda_device() as cuda, recorded_devices() as log:\n"
                  "    x, shape, device, item, length, top, grad_fn, contiguous, text = views(cuda, out)\n"
                  "assert out.tolist() == [[0, 10, 20], [3, 40, 50]], out\n"
                  "assert x.device == cuda and x.cpu().tolist() == out.tolist()\n"
                  "assert (shape, device, item, length) == ((2, 3), 'cuda:0', 10.0, 2)\n"
                  "assert top.device == cuda and top.cpu().tolist() == [20, 50]\n"
                  "assert grad_fn is None and contiguous is False\n"
                  "assert text.startswith('tensor([[ 0., 10., 20.]') and \"device='cuda:0'\" in text"),
        ("refused", "def refused(device):\n    return torch.ones(2, device=device).numpy()",
         DEVICE + "with cuda_device() as cuda, recorded_devices() as log:\n"
                  "    try:\n        refused(cuda)\n    except TypeError as error:\n"
                  "        assert str(error).startswith(\"can't convert cuda:0 device type\"), error\n"
                  "    else:\n        raise AssertionError('no refusal')"),
        ("gradients", "def gradients(device):\n"
                      "    w = torch.ones(3, device=device, requires_grad=True)\n"
                      "    (w * 2).sum().backward()\n"
                      "    return w.grad.cpu(), w.is_leaf",
         DEVICE + "with cuda_device() as cuda, recorded_devices() as log:\n"
                  "    grad, leaf = gradients(cuda)\n"
                  "assert grad.tolist() == [2, 2, 2] and leaf"),
        ("draws", "def draws(device):\n"
                  "    return torch.rand(2, device=device).cpu(), torch.rand(2, device=device).cpu()",
         DEVICE + "torch.manual_seed(5)\nexpected = torch.rand(2)\ntorch.manual_seed(5)\n"
                  "with cuda_device() as cuda, recorded_devices() as log:\n"
                  "    first, second = draws(cuda)\n"
                  "assert not torch.equal(first, second)\n"
                  "assert torch.equal(torch.rand(2), expected), 'the test stream moved'"),
        ("hooks", "def hooks(device):\n"
                  "    torch.ones(1, device=device, requires_grad=True).register_hook(print)",
         DEVICE + "with cuda_device() as cuda, recorded_devices() as log:\n"
                  "    try:\n        hooks(cuda)\n    except TypeError as error:\n"
                  "        assert 'cannot run on the device in grading' in str(error), error\n"
                  "    else:\n        raise AssertionError('a hook was registered in the judge')"),
        ("hoards", "def hoards(device):\n"
                   "    return torch.empty(2**28 + 1, device=device)",
         DEVICE + "with cuda_device() as cuda, recorded_devices() as log:\n"
                  "    try:\n        hoards(cuda)\n    except RuntimeError as error:\n"
                  "        assert 'holds at most 1024 MiB' in str(error), error\n"
                  "    else:\n        raise AssertionError('more than the device holds')"),
        ("forges", "import gc\nfrom grader.device_log import Call, recorded_devices\n\n"
                   "def forges(a, device):\n"
                   "    for item in gc.get_objects():\n"
                   "        if isinstance(item, recorded_devices):\n"
                   "            item.calls.append(Call('mul', frozenset({'cuda'})))\n"
                   "    return 2 * a",
         DEVICE + "with cuda_device() as cuda, recorded_devices() as log:\n"
                  "    forges(np.ones(1), cuda)\n"
                  "assert log.arithmetic_devices() == set(), log.calls"),
    ])
    for result in results.values():
        passed(result)
