# Wrong: never calls optimizer.zero_grad(), so gradients accumulate across steps.
def fit_line(x, y, steps, lr):
    x_t = torch.as_tensor(x, dtype=torch.float32)
    y_t = torch.as_tensor(y, dtype=torch.float32)
    w = torch.zeros((), requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    losses = []
    for _ in range(steps):
        loss = ((w * x_t + b - y_t) ** 2).mean()
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return w.item(), b.item(), losses
