# Gaming: right values, dtypes and devices, but wrapped in a torch.Tensor subclass.
class _Tensor(torch.Tensor):
    pass


def batch_to_device(batch: dict, device: torch.device) -> dict:
    x = torch.as_tensor(batch["x"], dtype=torch.float32).to(device)
    y = torch.as_tensor(batch["y"], dtype=torch.int64).to(device)
    return {"x": x.as_subclass(_Tensor), "y": y.as_subclass(_Tensor)}
