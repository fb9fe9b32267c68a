# Correct: one float32 vector [w, b], nn.MSELoss, losses kept detached and converted at the end.
def fit_line(x, y, steps, lr):
    x_t = torch.tensor(x.astype(np.float32))
    y_t = torch.tensor(y.astype(np.float32))
    params = torch.zeros(2, requires_grad=True)
    optimizer = torch.optim.SGD([params], lr=lr)
    criterion = torch.nn.MSELoss()
    recorded = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = criterion(params[0] * x_t + params[1], y_t)
        recorded.append(loss.detach())
        loss.backward()
        optimizer.step()
    w, b = params.tolist()
    return w, b, [loss.item() for loss in recorded]
