/**
 * The controller itself: {@link org.jvmm.storage.nvme.impl.core.Controller} (BAR0 registers and
 * doorbells, one lock for all state), the queue engine (fetch on the doorbell writer's thread,
 * completions with phase tags, back-pressure when a completion queue is full), the admin and NVM
 * command sets, features, log pages, asynchronous events and namespaces.
 */
package org.jvmm.storage.nvme.impl.core;
