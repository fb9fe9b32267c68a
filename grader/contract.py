"""The exercise contract: lessons, graded functions, signatures and points.

Graders, instructors and outside test suites rely on these names. Change them only together with
the syllabus; `tests/test_contract.py` checks every notebook against this table.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Exercise:
    name: str  # the answer cell's grade_id; the test cell's is "test_" + name
    signature: str  # as written in the syllabus: "(t: torch.Tensor) -> np.ndarray"
    points: int

    @property
    def test_id(self) -> str:
        return "test_" + self.name


@dataclass(frozen=True)
class Lesson:
    folder: str  # nbgrader assignment name, e.g. "01-conversion"
    notebook: str  # the one notebook inside the folder, e.g. "conversion.ipynb"
    title: str
    exercises: tuple[Exercise, ...]

    @property
    def points(self) -> int:
        return sum(exercise.points for exercise in self.exercises)


LESSONS = (
    Lesson(
        "01-conversion",
        "conversion.ipynb",
        "Basic conversion",
        (
            Exercise("tensor_to_array", "(t: torch.Tensor) -> np.ndarray", 1),
            Exercise("array_to_tensor", "(a: np.ndarray) -> torch.Tensor", 1),
            Exercise("to_float32_tensor", "(a: np.ndarray) -> torch.Tensor", 1),
            Exercise("numpy_dtype_of", "(dtype: torch.dtype) -> np.dtype", 1),
            Exercise("to_python_scalar", "(t: torch.Tensor) -> int or float or bool", 1),
        ),
    ),
    Lesson(
        "02-shared-memory",
        "shared_memory.ipynb",
        "Shared memory",
        (
            Exercise("zero_copy_tensor", "(a: np.ndarray) -> torch.Tensor", 1),
            Exercise("independent_array", "(t: torch.Tensor) -> np.ndarray", 1),
            Exercise("shares_memory", "(t: torch.Tensor, a: np.ndarray) -> bool", 2),
            Exercise("tensor_from_any_array", "(a: np.ndarray) -> torch.Tensor", 2),
            Exercise("to_chw_tensor", "(image: np.ndarray) -> torch.Tensor", 2),
        ),
    ),
    Lesson(
        "03-gpu-transfer",
        "gpu_transfer.ipynb",
        "GPU transfer",
        (
            Exercise("pick_device", "() -> torch.device", 1),
            Exercise("to_numpy_any", "(t: torch.Tensor) -> np.ndarray", 2),
            Exercise("scale_on_device", "(a: np.ndarray, device: torch.device) -> np.ndarray", 1),
            Exercise("batch_to_device", "(batch: dict, device: torch.device) -> dict", 2),
        ),
    ),
    Lesson(
        "04-autograd-detach",
        "autograd_detach.ipynb",
        "Detaching from autograd",
        (
            Exercise("grad_safe_numpy", "(t: torch.Tensor) -> np.ndarray", 1),
            Exercise("snapshot", "(t: torch.Tensor) -> np.ndarray", 1),
            Exercise("frozen_copy", "(p: torch.Tensor) -> torch.Tensor", 1),
            Exercise(
                "fit_line",
                "(x: np.ndarray, y: np.ndarray, steps: int, lr: float) -> tuple",
                2,
            ),
            Exercise("graph_facts", "() -> dict", 1),
        ),
    ),
    Lesson(
        "05-myths",
        "myths.ipynb",
        "Myths and pitfalls",
        (
            Exercise("seed_verdicts", "() -> dict", 2),
            Exercise(
                "predict",
                "(model: torch.nn.Module, x: np.ndarray, device: torch.device) -> np.ndarray",
                2,
            ),
        ),
    ),
)

LESSONS_BY_FOLDER = {lesson.folder: lesson for lesson in LESSONS}
