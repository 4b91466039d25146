package org.sde4j.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The identification check of every fit: the observed information {@code I} at the estimate, scaled to unit
 * diagonal ({@code R = D I D}, {@code D = diag(I)^(-1/2)}, so that the units of the parameters do not matter),
 * must be well conditioned. A parameter whose diagonal entry vanishes does not move the likelihood; a smallest
 * eigenvalue of {@code R} below {@link #MIN_RELATIVE_EIGENVALUE} times the largest means that a combination of
 * parameters does not (the parameters with the largest weights in its eigenvector are named). Either way the
 * estimates and standard errors would be numbers without meaning, so the fit is refused.
 *
 * <p>Example: {@code ou-seasonal} with a period of one day on daily data: at integer times sin(2πt) = 0 and
 * cos(2πt) = 1, so b2 is not identified and c2 is the constant a again.
 */
final class Identification {
    /**
     * The smallest eigenvalue of the scaled information accepted, relative to the largest: a condition number
     * of 10¹⁰. The information is a central difference of the analytic gradient, accurate to about 10⁻¹⁰
     * relatively, so a smaller eigenvalue cannot be told from zero.
     */
    static final double MIN_RELATIVE_EIGENVALUE = 1e-10;

    private Identification() {
    }

    /**
     * @throws NotIdentifiedException when {@code info} is singular or near-singular
     */
    static void check(TransitionModel model, DMatrixRMaj info) {
        int p = info.numRows;
        List<String> names = model.parameterNames();
        double largest = 0;
        for (int j = 0; j < p; j++) {
            largest = Math.max(largest, Math.abs(info.get(j, j)));
        }
        List<String> flat = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double d = info.get(j, j);
            if (!(d > MIN_RELATIVE_EIGENVALUE * largest) || !Double.isFinite(d)) {
                flat.add(names.get(j));
            }
        }
        if (!flat.isEmpty()) {
            throw new NotIdentifiedException(model, flat, "the likelihood does not change with "
                    + (flat.size() == 1 ? "it" : "them"));
        }
        DMatrixRMaj r = new DMatrixRMaj(p, p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                r.set(i, j, info.get(i, j) / Math.sqrt(info.get(i, i) * info.get(j, j)));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(p, true, true);
        if (!eig.decompose(r)) {
            throw new NotIdentifiedException(model, names, "the information matrix could not be decomposed");
        }
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        int argMin = 0;
        for (int i = 0; i < p; i++) {
            double lambda = Math.abs(eig.getEigenvalue(i).getReal());
            max = Math.max(max, lambda);
            if (lambda < min) {
                min = lambda;
                argMin = i;
            }
        }
        if (!(min > MIN_RELATIVE_EIGENVALUE * max)) {
            DMatrixRMaj v = eig.getEigenVector(argMin);
            List<String> involved = new ArrayList<>();
            for (int j = 0; j < p; j++) {
                if (v != null && Math.abs(v.get(j)) >= 0.25) {
                    involved.add(names.get(j));
                }
            }
            throw new NotIdentifiedException(model, involved.isEmpty() ? names : involved, String.format(Locale.ROOT,
                    "one combination of them leaves the likelihood unchanged (scaled information matrix with condition"
                            + " number %.1e)", max / min));
        }
    }
}
