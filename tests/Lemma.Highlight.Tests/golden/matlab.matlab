function [w, losses] = train_logreg(X, y, lr, epochs)
%TRAIN_LOGREG Logistic regression by batch gradient descent.
%   [w, losses] = train_logreg(X, y, 0.1, 500)
%{
  X is n-by-d, y is n-by-1 with labels 0 or 1.
%}
[n, d] = size(X);
w = zeros(d, 1);
losses = zeros(epochs, 1);
for k = 1:epochs
    p = 1 ./ (1 + exp(-X * w));           % predicted probabilities
    grad = X' * (p - y) / n;
    w = w - lr * grad;
    losses(k) = -mean(y .* log(p + eps) + (1 - y) .* log(1 - p + eps));
    if mod(k, 100) == 0
        fprintf('epoch %d: loss %.4f\n', k, losses(k));
    end
end
plot(1:epochs, losses); xlabel('epoch'); ylabel("loss");
title(sprintf('final loss %.3f', losses(end)));
end
