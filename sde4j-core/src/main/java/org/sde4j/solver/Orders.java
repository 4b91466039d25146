package org.sde4j.solver;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.sde4j.sde.NoiseStructure;

/**
 * The convergence orders a scheme declares, by name: strong order in general and on the noise structures
 * where it is higher, weak order, and classical order (on ODEs, {@link NoiseStructure#NONE}). Named steps
 * instead of five adjacent numbers, so a swap does not compile silently:
 *
 * <pre>{@code
 * Orders heun = Orders.strong(0.5).strongOn(NoiseStructure.COMMUTATIVE, 1.0).weak(1).classical(2);
 * }</pre>
 *
 * <p>A strong order on a structure applies to its special cases too ({@link NoiseStructure#isSpecialCaseOf}).
 * The tests read these declarations and measure every registered scheme against them. Immutable.
 *
 * @param strong    the strong order on general noise (of the supported structures)
 * @param strongOn  higher strong orders on particular noise structures (unmodifiable)
 * @param weak      the weak order, or NaN until declared
 * @param classical the classical order on ODEs, or NaN until declared
 * @param weakIsLowerBound whether {@code weak} is only a lower bound ({@link #weakAtLeast}): the order its strong
 *                  order implies, where a higher weak order is published but not measured here
 */
public record Orders(double strong, Map<NoiseStructure, Double> strongOn, double weak, double classical,
        boolean weakIsLowerBound) {

    /**
     * @throws IllegalArgumentException when an order is negative or infinite, or {@code strongOn} names
     *                                  {@link NoiseStructure#NONE} (whose order is the classical one)
     */
    public Orders {
        check("strong", strong);
        EnumMap<NoiseStructure, Double> copy = new EnumMap<>(NoiseStructure.class);
        for (Map.Entry<NoiseStructure, Double> e : strongOn.entrySet()) {
            if (e.getKey() == NoiseStructure.NONE) {
                throw new IllegalArgumentException("strongOn(none): the order on ODEs is the classical order");
            }
            check("strongOn(" + e.getKey().label() + ")", e.getValue());
            copy.put(e.getKey(), e.getValue());
        }
        strongOn = Collections.unmodifiableMap(copy);
        if (!Double.isNaN(weak)) {
            check("weak", weak);
        }
        if (!Double.isNaN(classical)) {
            check("classical", classical);
        }
    }

    private static void check(String name, double order) {
        if (!(order >= 0) || Double.isInfinite(order)) {
            throw new IllegalArgumentException(name + " order = " + order + ": must be finite and ≥ 0");
        }
    }

    /**
     * Starts a declaration with the strong order on general noise.
     *
     * @param order the strong order
     * @return the orders so far (weak and classical still to declare)
     */
    public static Orders strong(double order) {
        return new Orders(order, Map.of(), Double.NaN, Double.NaN, false);
    }

    /**
     * The same orders with a higher strong order on {@code noise} (and its special cases).
     *
     * @param noise the noise structure
     * @param order the strong order there
     * @return the new orders
     */
    public Orders strongOn(NoiseStructure noise, double order) {
        EnumMap<NoiseStructure, Double> more = new EnumMap<>(NoiseStructure.class);
        more.putAll(strongOn);
        more.put(noise, order);
        return new Orders(strong, more, weak, classical, weakIsLowerBound);
    }

    /**
     * @param order the weak order
     * @return the same orders with this weak order
     */
    public Orders weak(double order) {
        return new Orders(strong, strongOn, order, classical, false);
    }

    /**
     * Declares only a lower bound on the weak order: strong order γ implies weak order at least γ for Lipschitz
     * functionals (Kloeden &amp; Platen 1992, §9.7), so a scheme whose published higher weak order is not what the
     * exact-moment test measures declares this instead, and the test checks {@code measured ≥ order − 0.1}.
     *
     * @param order the lower bound
     * @return the same orders with this weak lower bound
     */
    public Orders weakAtLeast(double order) {
        return new Orders(strong, strongOn, order, classical, true);
    }

    /**
     * @param order the classical order on ODEs
     * @return the same orders with this classical order
     */
    public Orders classical(double order) {
        return new Orders(strong, strongOn, weak, order, weakIsLowerBound);
    }

    /**
     * The strong order on {@code noise}: the classical order on ODEs, else the highest order declared for a
     * structure {@code noise} is a special case of, else {@link #strong} (which a declaration on a structure
     * replaces, even when lower).
     *
     * @param noise the noise structure (support is checked by the scheme)
     * @return the declared strong order
     */
    public double strongOrder(NoiseStructure noise) {
        if (noise == NoiseStructure.NONE) {
            return classical;
        }
        double order = Double.NaN;
        for (Map.Entry<NoiseStructure, Double> e : strongOn.entrySet()) {
            if (noise.isSpecialCaseOf(e.getKey())) {
                order = Double.isNaN(order) ? e.getValue() : Math.max(order, e.getValue());
            }
        }
        return Double.isNaN(order) ? strong : order;
    }

    /**
     * @throws IllegalArgumentException naming the scheme when the weak or classical order is not declared
     */
    public Orders requireComplete(String scheme) {
        if (Double.isNaN(weak) || Double.isNaN(classical)) {
            throw new IllegalArgumentException("scheme " + scheme + ": orders " + this + " must declare the weak and"
                    + " classical orders (Orders.strong(..).weak(..).classical(..))");
        }
        return this;
    }
}
