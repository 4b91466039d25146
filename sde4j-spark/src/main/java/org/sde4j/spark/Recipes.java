package org.sde4j.spark;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;

/** What the recipes ({@link JobSpec}) need: the serialisability check and named classes. */
final class Recipes {
    private Recipes() {
    }

    /**
     * Checks that {@code spec} can be serialised for the executors.
     *
     * @param spec the recipe
     * @param type the recipe's interface, for the messages
     * @throws IllegalArgumentException when it cannot, naming the class that is not serialisable and what to do
     */
    static void checkSerialisable(Object spec, Class<?> type) {
        String name = type.getSimpleName();
        if (spec == null) {
            throw new IllegalArgumentException("spec = null: must be an " + name);
        }
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(spec);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("the " + name + " " + spec.getClass().getName()
                    + " cannot be sent to the Spark executors: it holds a " + e.getMessage()
                    + ", which is not Serializable. Build the problem inside the lambda (from numbers and strings),"
                    + " make what it captures Serializable, or name a class with " + name + ".ofClass(\"...\")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the " + name + " " + spec.getClass().getName()
                    + " cannot be serialised for the Spark executors: " + e, e);
        }
    }

    /**
     * An instance of the recipe class {@code className}, loaded where the recipe is used.
     *
     * @throws IllegalStateException when the class is missing, of another type, or cannot be constructed
     */
    static <T> T instantiate(String className, Class<T> type) {
        Class<?> loaded;
        try {
            loaded = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(type.getSimpleName() + " class " + className + " is not on the classpath"
                    + " here: put its jar in the application jar or spark.jars", e);
        }
        if (!type.isAssignableFrom(loaded)) {
            throw new IllegalStateException("class " + className + " does not implement " + type.getName());
        }
        try {
            return type.cast(loaded.getConstructor().newInstance());
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("class " + className + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the constructor of " + className + " failed: " + e.getCause(),
                    e.getCause());
        }
    }
}
