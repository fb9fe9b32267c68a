# Correct: nn.Linear(1, 1) with its weight and bias set to zero, F.mse_loss, float32 columns.
def fit_line(x, y, steps, lr):
    model = torch.nn.Linear(1, 1)
    with torch.no_grad():
        model.weight.zero_()
        model.bias.zero_()
    inputs = torch.as_tensor(x, dtype=torch.float32).reshape(-1, 1)
    targets = torch.as_tensor(y, dtype=torch.float32).reshape(-1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = torch.nn.functional.mse_loss(model(inputs), targets)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return model.weight.item(), model.bias.item(), losses
