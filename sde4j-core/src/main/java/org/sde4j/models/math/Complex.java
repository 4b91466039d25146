package org.sde4j.models.math;

/**
 * An immutable complex number {@code re + i im}, with the few operations characteristic functions need. The
 * logarithm and the square root are the principal branches (argument in (−π, π], square root with a non-negative
 * real part).
 */
public final class Complex {
    /** 0. */
    public static final Complex ZERO = new Complex(0, 0);
    /** 1. */
    public static final Complex ONE = new Complex(1, 0);
    /** i. */
    public static final Complex I = new Complex(0, 1);

    private final double re;
    private final double im;

    private Complex(double re, double im) {
        this.re = re;
        this.im = im;
    }

    /** {@code re + i im}. */
    public static Complex of(double re, double im) {
        return new Complex(re, im);
    }

    /** A real number. */
    public static Complex real(double re) {
        return new Complex(re, 0);
    }

    public double re() {
        return re;
    }

    public double im() {
        return im;
    }

    public Complex plus(Complex o) {
        return new Complex(re + o.re, im + o.im);
    }

    public Complex plus(double x) {
        return new Complex(re + x, im);
    }

    public Complex minus(Complex o) {
        return new Complex(re - o.re, im - o.im);
    }

    public Complex minus(double x) {
        return new Complex(re - x, im);
    }

    public Complex times(Complex o) {
        return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    public Complex times(double x) {
        return new Complex(re * x, im * x);
    }

    /** Smith's (1962) division, which avoids overflow in the denominator. */
    public Complex dividedBy(Complex o) {
        if (Math.abs(o.re) >= Math.abs(o.im)) {
            double r = o.im / o.re;
            double den = o.re + o.im * r;
            return new Complex((re + im * r) / den, (im - re * r) / den);
        }
        double r = o.re / o.im;
        double den = o.im + o.re * r;
        return new Complex((re * r + im) / den, (im * r - re) / den);
    }

    /** |z|. */
    public double abs() {
        return Math.hypot(re, im);
    }

    /** e^z. */
    public Complex exp() {
        double m = Math.exp(re);
        return new Complex(m * Math.cos(im), m * Math.sin(im));
    }

    /** The principal logarithm, argument in (−π, π]. */
    public Complex log() {
        return new Complex(Math.log(abs()), Math.atan2(im, re));
    }

    /** The principal square root, real part ≥ 0. */
    public Complex sqrt() {
        if (re == 0 && im == 0) {
            return ZERO;
        }
        double m = abs();
        double a = Math.sqrt((m + Math.abs(re)) / 2);
        if (re >= 0) {
            return new Complex(a, im / (2 * a));
        }
        return new Complex(Math.abs(im) / (2 * a), Math.copySign(a, im));
    }

    /** z^p = exp(p log z), principal branch. */
    public Complex pow(double p) {
        return log().times(p).exp();
    }

    public boolean isFinite() {
        return Double.isFinite(re) && Double.isFinite(im);
    }

    @Override
    public String toString() {
        return re + (im < 0 ? " - " : " + ") + Math.abs(im) + "i";
    }
}
