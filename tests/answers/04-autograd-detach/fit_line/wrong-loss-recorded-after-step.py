# Wrong: records the loss after the step, so every recorded value is one step late.
def fit_line(x, y, steps, lr):
    x_t = torch.as_tensor(x, dtype=torch.float32)
    y_t = torch.as_tensor(y, dtype=torch.float32)
    w = torch.zeros((), requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        ((w * x_t + b - y_t) ** 2).mean().backward()
        optimizer.step()
        with torch.no_grad():
            losses.append(((w * x_t + b - y_t) ** 2).mean().item())
    return w.item(), b.item(), losses
