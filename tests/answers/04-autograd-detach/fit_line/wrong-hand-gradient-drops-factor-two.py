# Wrong: hand-written gradients without the factor 2 of d/dr r**2: an effective learning rate of lr / 2.
def fit_line(x, y, steps, lr):
    x_t = torch.as_tensor(x, dtype=torch.float32)
    y_t = torch.as_tensor(y, dtype=torch.float32)
    w = torch.zeros(())
    b = torch.zeros(())
    losses = []
    for _ in range(steps):
        residual = w * x_t + b - y_t
        losses.append((residual ** 2).mean().item())
        w = w - lr * (residual * x_t).mean()
        b = b - lr * residual.mean()
    return w.item(), b.item(), losses
