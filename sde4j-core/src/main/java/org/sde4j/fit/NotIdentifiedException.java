package org.sde4j.fit;

import java.util.List;

/**
 * A fit refused because the series cannot determine some parameters (the identification check of {@link Fitter}): the message names
 * them and what to change. An {@link IllegalArgumentException}: the model and data given are the problem.
 */
public final class NotIdentifiedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> parameters;

    NotIdentifiedException(TransitionModel model, List<String> parameters, String why) {
        super(model.name() + " fit: " + (parameters.size() == 1 ? "parameter " + parameters.get(0) + " is"
                : "parameters " + String.join(", ", parameters) + " are") + " not identified by this series (" + why
                + "); " + model.identificationHint());
        this.parameters = List.copyOf(parameters);
    }

    /** The parameters involved. */
    public List<String> parameters() {
        return parameters;
    }
}
