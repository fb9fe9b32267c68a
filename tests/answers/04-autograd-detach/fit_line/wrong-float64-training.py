# Wrong: trains in float64, NumPy's default, instead of float32.
def fit_line(x, y, steps, lr):
    x_t, y_t = torch.from_numpy(x), torch.from_numpy(y)
    w = torch.zeros((), dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = ((w * x_t + b - y_t) ** 2).mean()
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.item(), b.item(), losses
