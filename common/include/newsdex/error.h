#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace newsdex {

// Every exception that leaves a newsdex library derives from Error, so an embedding program can
// catch one type; the subclasses let the binaries map failures to documented exit codes.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An input file or record could not be read or understood.
class InputError : public Error {
 public:
  using Error::Error;
};

// A query string could not be parsed; position() is the byte offset of the problem.
class QuerySyntaxError : public Error {
 public:
  QuerySyntaxError(const std::string& message, std::size_t position)
      : Error(message), position_(position) {}
  std::size_t position() const noexcept { return position_; }

 private:
  std::size_t position_;
};

// What a request names does not exist (an article id for --similar).
class NotFoundError : public Error {
 public:
  using Error::Error;
};

// The database is missing, unreadable, or of another schema version.
class DatabaseError : public Error {
 public:
  using Error::Error;
};

// A part of a database in several parts (a shard map) could not be reached or did not answer
// in time; part() names it as the map does ("remote 127.0.0.1:7001", "auto part-1").
class PartUnavailableError : public DatabaseError {
 public:
  PartUnavailableError(const std::string& message, std::string part)
      : DatabaseError(message), part_(std::move(part)) {}
  const std::string& part() const noexcept { return part_; }

 private:
  std::string part_;
};

// Another writer holds the database's lock.
class DatabaseLockedError : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

}  // namespace newsdex
