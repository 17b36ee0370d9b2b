package io.warden.rules.pipeline;

/** One step of the request pipeline: looks at the request head and decides. */
@FunctionalInterface
public interface RequestCheck {

    Decision check(RequestContext request);
}
