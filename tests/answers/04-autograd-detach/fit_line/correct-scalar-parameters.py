# Correct: 0-d float32 parameters, SGD on the mean squared error, loss.item() before each step.
def fit_line(x, y, steps, lr):
    x_t = torch.from_numpy(x).float()
    y_t = torch.from_numpy(y).float()
    w = torch.tensor(0.0, requires_grad=True)
    b = torch.tensor(0.0, requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    losses = []
    for _ in range(steps):
        loss = ((w * x_t + b - y_t) ** 2).mean()
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return w.item(), b.item(), losses
