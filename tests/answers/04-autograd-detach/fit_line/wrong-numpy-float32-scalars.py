# Wrong: NumPy float32 scalars (from the detached arrays) are not Python floats.
def fit_line(x, y, steps, lr):
    x_t = torch.as_tensor(x, dtype=torch.float32)
    y_t = torch.as_tensor(y, dtype=torch.float32)
    w = torch.zeros((), requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = ((w * x_t + b - y_t) ** 2).mean()
        losses.append(loss.detach().numpy()[()])
        loss.backward()
        optimizer.step()
    return w.detach().numpy()[()], b.detach().numpy()[()], losses
