package org.sde4j.solver.step;

/**
 * {@code double[]} vectors: the states of textbook SDEs. Noise arrays of length 1 scale a whole vector;
 * noise arrays of the vector's length multiply it componentwise (diagonal noise).
 */
public final class ArrayVectorSpace implements VectorSpace<double[]> {
    /** The space; stateless, shared. */
    public static final ArrayVectorSpace INSTANCE = new ArrayVectorSpace();

    private ArrayVectorSpace() {
    }

    @Override
    public double[] zerosLike(double[] x) {
        return new double[x.length];
    }

    @Override
    public boolean sameShape(double[] a, double[] b) {
        return a.length == b.length;
    }

    @Override
    public void copy(double[] from, double[] to) {
        System.arraycopy(from, 0, to, 0, to.length);
    }

    @Override
    public void zero(double[] y) {
        java.util.Arrays.fill(y, 0.0);
    }

    @Override
    public double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Override
    public void addScaled(double[] y, double a, double b, double[] xi, double[] x) {
        if (xi == null || b == 0) {
            for (int i = 0; i < y.length; i++) {
                y[i] += a * x[i];
            }
        } else if (xi.length == 1) {
            double s = a + b * xi[0];
            for (int i = 0; i < y.length; i++) {
                y[i] += s * x[i];
            }
        } else if (xi.length == x.length) {
            for (int i = 0; i < y.length; i++) {
                y[i] += (a + b * xi[i]) * x[i];
            }
        } else {
            throw new IllegalArgumentException("xi.length = " + xi.length + ": must be 1 or the vector length "
                    + x.length);
        }
    }
}
