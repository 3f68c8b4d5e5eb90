"""One-vs-rest where each requirement learns only from the document types it belongs to.

A sentence about next steps in a final report is not a negative example for the stoppunkt's
`neste_skritt`: the final report simply has no such requirement. Plain one-vs-rest treats it as
one, and the meeting-minute requirements (few documents each) learn to ignore their own
wording. Here the label matrix marks such rows −1 (not applicable) and each requirement's
logistic regression is fitted on its applicable rows only.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression

NOT_APPLICABLE = -1


class ApplicableOneVsRest(ClassifierMixin, BaseEstimator):
    """Y[i, j] ∈ {1, 0, −1}: positive, negative, or not applicable (ignored when fitting j)."""

    def __init__(self, estimator=None):
        self.estimator = estimator

    def fit(self, X, Y):
        Y = np.asarray(Y)
        base = self.estimator if self.estimator is not None else LogisticRegression()
        self.estimators_ = []
        self.priors_ = []
        for j in range(Y.shape[1]):
            rows = np.flatnonzero(Y[:, j] != NOT_APPLICABLE)
            y = Y[rows, j]
            if len(np.unique(y)) < 2:  # nothing to learn: keep the base rate
                self.estimators_.append(None)
                self.priors_.append(float(y.mean()) if len(y) else 0.0)
                continue
            self.estimators_.append(clone(base).fit(X[rows], y))
            self.priors_.append(float(y.mean()))
        self.n_labels_ = Y.shape[1]
        return self

    def predict_proba(self, X):
        n = X.shape[0]
        cols = [est.predict_proba(X)[:, 1] if est is not None else np.full(n, prior)
                for est, prior in zip(self.estimators_, self.priors_)]
        return np.column_stack(cols) if cols else np.zeros((n, 0))

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)
