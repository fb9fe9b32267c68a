# Wrong: float32 parameters but float64 data: type promotion computes the loss in float64.
def fit_line(x, y, steps, lr):
    x_t, y_t = torch.from_numpy(x), torch.from_numpy(y)
    w = torch.zeros((), requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = ((w * x_t + b - y_t) ** 2).mean()
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.item(), b.item(), losses
