import { Body, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { UserViewDto } from '../auth/auth.dto';
import { ApiController, Roles } from '../auth/access.decorators';
import { type Page, SearchPageQueryDto } from '../common/pagination';
import { CreateUserDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiController('users', 'users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Users by username; `q` searches the username and the display name' })
  list(@Query() query: SearchPageQueryDto): Promise<Page<UserViewDto>> {
    return this.users.list(query.page, query.pageSize, query.q);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserViewDto })
  get(@Param('id') id: string): Promise<UserViewDto> {
    return this.users.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: UserViewDto })
  create(@Body() body: CreateUserDto): Promise<UserViewDto> {
    return this.users.create(body);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserViewDto })
  update(@Param('id') id: string, @Body() body: UpdateUserDto): Promise<UserViewDto> {
    return this.users.update(id, body);
  }
}
